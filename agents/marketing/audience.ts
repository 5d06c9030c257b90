import type { AudienceContact } from "./facts.ts";
import type { Propensity } from "./propensity.ts";
import { variantOf, type Variant } from "./variants.ts";

/** How an audience shrank from everyone the spec matched to whom the run drafts for. */
export interface AudienceCounts {
  /** Contacts of the matching accounts (with the role filter applied). */
  total: number;
  /** No consent (email_consent false) or opted out: never contacted. */
  excluded_consent: number;
  /** No email address to write to. */
  excluded_no_email: number;
  /**
   * Already drafted for this campaign by an earlier run (a rerun does not write twice), or a
   * marketing draft of any campaign to the contact still waits for a person.
   */
  excluded_already_drafted: number;
  /** At the frequency cap: drafts of any agent in the window, plus this run's earlier audiences. */
  excluded_frequency_cap: number;
  /** Contactable and under the cap: ranked by propensity. */
  final: number;
  /** The top of the final audience this run drafts for (at most max_drafts_per_audience). */
  drafted: number;
}

/** A contact the run drafts for, with its score and A/B variant. */
export interface AudienceMember {
  contact: AudienceContact;
  propensity: Propensity;
  variant: Variant;
  /** 1 = most likely to respond. */
  rank: number;
}

export type Exclusion = "consent" | "no_email" | "already_drafted" | "frequency_cap";

/**
 * Why a contact is left out, checked in this order, or null: consent and opt-outs always apply;
 * a contact drafted for this campaign, or with a marketing draft still pending, is not drafted
 * again; the cap counts drafts of any agent in the window and pending ones (`recent_drafts`) plus the drafts this run
 * already planned for the contact (`plannedInRun`), so it holds across agents and within a run.
 */
export function exclusionOf(c: AudienceContact, plannedInRun: number, cap: number): Exclusion | null {
  if (!c.email_consent || c.opted_out_at) return "consent";
  if (!c.email) return "no_email";
  if (c.campaign_drafted || c.pending_drafted) return "already_drafted";
  if (c.recent_drafts + plannedInRun >= cap) return "frequency_cap";
  return null;
}

const COUNT_OF: Record<Exclusion, keyof AudienceCounts> = {
  consent: "excluded_consent",
  no_email: "excluded_no_email",
  already_drafted: "excluded_already_drafted",
  frequency_cap: "excluded_frequency_cap",
};

const better = (a: { p: number; id: string }, b: { p: number; id: string }) =>
  b.p - a.p || (a.id < b.id ? -1 : 1);

/**
 * Builds one audience over pages of contacts: counts every exclusion, scores the rest and keeps
 * the `limit` most likely responders (ties by contact id), so memory stays small for any book.
 */
export class AudienceBuilder {
  readonly counts: AudienceCounts = {
    total: 0,
    excluded_consent: 0,
    excluded_no_email: 0,
    excluded_already_drafted: 0,
    excluded_frequency_cap: 0,
    final: 0,
    drafted: 0,
  };
  private top: { contact: AudienceContact; propensity: Propensity }[] = [];

  constructor(
    private readonly campaignKey: string,
    private readonly cap: number,
    private readonly limit: number,
    private readonly planned: ReadonlyMap<string, number>,
    private readonly score: (c: AudienceContact) => Propensity,
  ) {}

  /** Adds one page of contacts. */
  add(page: readonly AudienceContact[]): void {
    for (const c of page) {
      this.counts.total += 1;
      const excluded = exclusionOf(c, this.planned.get(c.contact_id) ?? 0, this.cap);
      if (excluded) {
        this.counts[COUNT_OF[excluded]] += 1;
        continue;
      }
      this.counts.final += 1;
      this.top.push({ contact: c, propensity: this.score(c) });
    }
    const key = (m: (typeof this.top)[number]) => ({ p: m.propensity.probability, id: m.contact.contact_id });
    this.top = this.top.sort((a, b) => better(key(a), key(b))).slice(0, this.limit);
  }

  /** The members drafted for, ranked, each with its deterministic A/B variant. */
  members(): AudienceMember[] {
    this.counts.drafted = this.top.length;
    return this.top.map((m, i) => ({
      ...m,
      rank: i + 1,
      variant: variantOf(this.campaignKey, m.contact.contact_id),
    }));
  }
}
