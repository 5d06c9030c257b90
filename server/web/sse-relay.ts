/**
 * Relays a /v1 event stream to the browser with every `event:` line dropped, so each event
 * arrives as an EventSource "message" (its type is in the data too). Ids, data and comments pass
 * unchanged, so Last-Event-ID rejoins work as they do against the API itself.
 */
export function asMessages(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let carry = "";
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, out) {
        const text = carry + decoder.decode(chunk, { stream: true });
        const cut = text.lastIndexOf("\n");
        carry = text.slice(cut + 1);
        const lines = text.slice(0, cut + 1).split("\n");
        lines.pop();
        const kept = lines.filter((l) => !l.startsWith("event:"));
        if (kept.length) out.enqueue(encoder.encode(kept.map((l) => `${l}\n`).join("")));
      },
      flush(out) {
        if (carry && !carry.startsWith("event:")) out.enqueue(encoder.encode(carry));
      },
    }),
  );
}
