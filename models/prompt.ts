import type { AIMessage, BaseMessage } from "@langchain/core/messages";
import type { BaseChatModel, BaseChatModelCallOptions } from "@langchain/core/language_models/chat_models";
import { toRecordedAnswer, type CassetteEntry } from "./cassette.ts";
import type { ToolSpec } from "./cassette-key.ts";
import { ModelRequestError } from "./errors.ts";
import { auditText, maskMessages, roleOf, toWireMessage, type WireMessage } from "./messages.ts";
import { PiiMasker } from "./pii.ts";
import { jsonSchemaFor, responseFormatFor, toolSpecs } from "./structured.ts";
import type { ModelRequest, PromptRecord } from "./types.ts";

/** A request as it leaves the process: masked, with its tools and schema in wire form. */
export interface PreparedPrompt {
  masker: PiiMasker;
  messages: BaseMessage[];
  wire: WireMessage[];
  tools: ToolSpec[];
  jsonSchema: Record<string, unknown> | null;
}

export function preparePrompt(request: ModelRequest<unknown>): PreparedPrompt {
  if (request.schema && request.tools?.length) {
    throw new ModelRequestError(request.purpose, "give either a schema or tools, not both");
  }
  const masker = new PiiMasker(request.knownNames);
  const messages = maskMessages(request.messages, masker, request.purpose);
  return {
    masker,
    messages,
    wire: messages.map(toWireMessage),
    tools: request.tools?.length ? toolSpecs(request.tools) : [],
    jsonSchema: request.schema ? jsonSchemaFor(request.schema) : null,
  };
}

/** The audit record of a masked prompt. */
export function promptRecord(
  request: ModelRequest<unknown>,
  label: string,
  prompt: PreparedPrompt,
): PromptRecord {
  const messages = prompt.messages.map((m) => ({ role: roleOf(m), content: auditText(m) }));
  return { node: request.node, purpose: request.purpose, label, messages };
}

/** The cassette entry of a live answer: the masked request summary beside the masked answer. */
export function cassetteEntry(
  request: ModelRequest<unknown>,
  model: string,
  prompt: PreparedPrompt,
  answer: AIMessage,
): CassetteEntry {
  return {
    purpose: request.purpose,
    node: request.node,
    model,
    request: {
      messages: prompt.wire,
      tools: prompt.tools.map((t) => t.name),
      schema: prompt.jsonSchema ? request.purpose : null,
    },
    response: toRecordedAnswer(answer),
  };
}

/** One attempt: tools bound, or a JSON schema `response_format`, or plain chat. */
export async function invokeModel(
  chatModel: BaseChatModel,
  request: ModelRequest<unknown>,
  prompt: PreparedPrompt,
  signal: AbortSignal,
): Promise<AIMessage> {
  const options: Record<string, unknown> = { signal };
  if (prompt.jsonSchema) options.response_format = responseFormatFor(request.purpose, prompt.jsonSchema);
  if (request.tools?.length) {
    if (!chatModel.bindTools)
      throw new ModelRequestError(request.purpose, "the chat model cannot call tools");
    return (await chatModel.bindTools(request.tools).invoke(prompt.messages, options)) as AIMessage;
  }
  return (await chatModel.invoke(prompt.messages, options as BaseChatModelCallOptions)) as AIMessage;
}
