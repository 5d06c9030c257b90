import { AIMessage } from "@langchain/core/messages";
import type { PiiMasker } from "./pii.ts";
import { textOf } from "./messages.ts";
import { MalformedOutputError, parseStructured } from "./structured.ts";
import type { ModelRequest } from "./types.ts";

/**
 * Turns the model's (masked) answer into the request's value, with PII restored: the validated
 * structured output, the AI message with its tool calls, or the text. Throws
 * MalformedOutputError when the answer cannot be used.
 */
export function interpretAnswer<T>(answer: AIMessage, request: ModelRequest<T>, masker: PiiMasker): T {
  const restore = <V>(v: V): V => masker.restore(v);
  if (request.schema) return parseStructured(textOf(answer.content), request.schema, restore);
  if (request.tools?.length) {
    const invalid = answer.invalid_tool_calls ?? [];
    if (invalid.length > 0) {
      throw new MalformedOutputError(`tool call ${invalid[0]?.name ?? "?"} has invalid arguments`);
    }
    const known = new Set(request.tools.map((t) => t.name));
    const unknown = answer.tool_calls?.find((c) => !known.has(c.name));
    if (unknown) throw new MalformedOutputError(`the model called an unknown tool "${unknown.name}"`);
    return restoreMessage(answer, masker) as T;
  }
  const text = textOf(answer.content);
  if (text.trim() === "") throw new MalformedOutputError("the answer is empty");
  return restore(text) as T;
}

/** A copy of the AI message with placeholders restored in content, tool call args and extras. */
export function restoreMessage(answer: AIMessage, masker: PiiMasker): AIMessage {
  return new AIMessage({
    content: masker.restore(answer.content),
    id: answer.id,
    name: answer.name,
    tool_calls: answer.tool_calls?.map((c) => ({ ...c, args: masker.restore(c.args) })),
    additional_kwargs: masker.restore(answer.additional_kwargs),
    response_metadata: answer.response_metadata,
    usage_metadata: answer.usage_metadata,
  });
}
