import type { ModelGateway, ModelRequest, ModelResult, ModelRunContext, Usage } from "./types.ts";

const zeroUsage = (): Usage => ({ calls: 0, inputTokens: 0, outputTokens: 0 });

/**
 * The offline provider's answer for a request, labelled `offline:<offlineVersion>`. `degraded`
 * and `fallbackReason` say whether it stands in for a configured LLM that could not answer.
 */
export async function offlineResult<T>(
  request: ModelRequest<T>,
  run: ModelRunContext,
  fallback: { reason: string; usage?: Usage } | null,
): Promise<ModelResult<T>> {
  const label = `offline:${request.offlineVersion}`;
  const value = await request.offline();
  const degraded = fallback !== null;
  run.meter.noteProvider(label, degraded);
  return {
    value,
    usage: fallback?.usage ?? zeroUsage(),
    label,
    provider: "offline",
    model: null,
    degraded,
    ...(fallback ? { fallbackReason: fallback.reason } : {}),
  };
}

/** The gateway when no LLM is configured: every call answers from the offline provider. */
export class OfflineGateway implements ModelGateway {
  /** Each answer carries its own `offline:<offlineVersion>`; the gateway as a whole is `offline:rules`. */
  readonly label = "offline:rules";
  readonly offline = true;

  call<T>(request: ModelRequest<T>, run: ModelRunContext): Promise<ModelResult<T>> {
    return offlineResult(request, run, null);
  }
}
