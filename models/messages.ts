import {
  AIMessage,
  ChatMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
  type BaseMessage,
  type MessageContent,
} from "@langchain/core/messages";
import { ModelRequestError } from "./errors.ts";
import type { PiiMasker } from "./pii.ts";

/** A message as the model sees it: what cassette keys hash and cassette files show. */
export interface WireMessage {
  role: string;
  /** A string, or the content blocks as given. */
  content: unknown;
  tool_calls?: { id: string | null; name: string; args: unknown }[];
  tool_call_id?: string;
}

/** `user` / `assistant` / `system` / `tool`, as on the Chat Completions wire. */
export function roleOf(message: BaseMessage): string {
  if (ChatMessage.isInstance(message)) return message.role;
  const type = message.getType();
  return type === "human" ? "user" : type === "ai" ? "assistant" : type;
}

export function toWireMessage(message: BaseMessage): WireMessage {
  const wire: WireMessage = { role: roleOf(message), content: message.content };
  if (AIMessage.isInstance(message) && message.tool_calls?.length) {
    wire.tool_calls = message.tool_calls.map((c) => ({ id: c.id ?? null, name: c.name, args: c.args }));
  }
  if (ToolMessage.isInstance(message)) wire.tool_call_id = message.tool_call_id;
  return wire;
}

/** The text of a message's content; tool calls are appended so the audit log shows them. */
export function auditText(message: BaseMessage): string {
  const text = textOf(message.content);
  if (!AIMessage.isInstance(message) || !message.tool_calls?.length) return text;
  const calls = message.tool_calls.map((c) => `${c.name}(${JSON.stringify(c.args)})`).join(", ");
  return text ? `${text}\n[tool calls] ${calls}` : `[tool calls] ${calls}`;
}

export function textOf(content: MessageContent | unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return JSON.stringify(content ?? "");
  return content
    .map((b: unknown) => (isTextBlock(b) ? b.text : ""))
    .filter(Boolean)
    .join("\n");
}

/**
 * A copy of each message with PII masked in its content and tool call arguments. Provider
 * extras (`additional_kwargs`, which repeat raw tool calls) are dropped so nothing unmasked leaks.
 */
export function maskMessages(messages: BaseMessage[], masker: PiiMasker, purpose: string): BaseMessage[] {
  return messages.map((m) => {
    const content = maskContent(m.content, masker);
    const base = { content, id: m.id, name: m.name };
    if (AIMessage.isInstance(m)) {
      const tool_calls = m.tool_calls?.map((c) => ({ ...c, args: masker.maskDeep(c.args) }));
      return new AIMessage({ ...base, tool_calls });
    }
    if (ToolMessage.isInstance(m))
      return new ToolMessage({ ...base, tool_call_id: m.tool_call_id, status: m.status });
    if (ChatMessage.isInstance(m)) return new ChatMessage({ ...base, role: m.role });
    if (m.getType() === "system") return new SystemMessage(base);
    if (m.getType() === "human") return new HumanMessage(base);
    throw new ModelRequestError(purpose, `messages of type "${m.getType()}" are not supported`);
  });
}

function maskContent(content: MessageContent, masker: PiiMasker): MessageContent {
  if (typeof content === "string") return masker.mask(content);
  return content.map((b) => (isTextBlock(b) ? { ...b, text: masker.mask(b.text) } : b)) as MessageContent;
}

function isTextBlock(b: unknown): b is { type: "text"; text: string } {
  return typeof b === "object" && b !== null && "text" in b && typeof b.text === "string";
}
