import type { SurveyTemplate } from '../engine';

/**
 * Template versions answered recently, by id, held so that submitting needs no read of them.
 * survey_template_versions rows never change (trigger `survey_template_versions_frozen`), so an id
 * always means the same definition and nothing has to be invalidated: entries only leave when the
 * holder is full (least recently used first) or a version has not been answered for `idleMs`.
 */
export class FrozenVersions {
  private readonly entries = new Map<number, { template: SurveyTemplate; seen: number }>();

  constructor(
    private readonly max = 16,
    private readonly idleMs = 30 * 60_000,
  ) {}

  /** Holds (or refreshes) a version as the most recently used. */
  remember(id: number, template: SurveyTemplate, now = Date.now()): void {
    this.entries.delete(id);
    this.entries.set(id, { template, seen: now });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as number);
  }

  /** Marks a held version as just used. */
  touch(id: number, now = Date.now()): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    e.seen = now;
    this.entries.set(id, e);
  }

  get(id: number): SurveyTemplate | undefined {
    return this.entries.get(id)?.template;
  }

  /** The versions held, after dropping those idle for too long. */
  current(now = Date.now()): [number, SurveyTemplate][] {
    const out: [number, SurveyTemplate][] = [];
    for (const [id, e] of this.entries) {
      if (now - e.seen > this.idleMs) this.entries.delete(id);
      else out.push([id, e.template]);
    }
    return out;
  }

  get size(): number {
    return this.entries.size;
  }
}
