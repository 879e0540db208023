/**
 * The monitoring and evaluation page's state (Perban BKN 4/2024 Pasal 16(4)–(5)): the report of
 * the query in the URL (a newer query drops the answer of an older one), the agencies of the
 * period for the scope filter, the reports already issued, and issuing one. Errors are kept as
 * they came (ApiError) and worded by the page (errorText, fieldError).
 */
import type { DocumentRow } from '$protocol/documents.ts';
import type { EvaluationIssueInput, EvaluationQuery, EvaluationReport } from '$protocol/evaluation.ts';
import { ROUTES } from '$protocol/routes.ts';
import { api } from '$lib/api.ts';
import { queryToSearch } from './evaluation-query.ts';

export class EvaluationView {
  report = $state.raw<EvaluationReport | null>(null);
  /** the query `report` answers */
  reportKey = $state<string | null>(null);
  loading = $state(false);
  error = $state<unknown>(null);

  /** agencies of the activities in the period (the scope filter's choices) */
  agencies = $state.raw<string[]>([]);

  documents = $state.raw<DocumentRow[] | null>(null);
  documentsError = $state<unknown>(null);

  issuing = $state(false);
  issueError = $state<unknown>(null);
  issued = $state.raw<DocumentRow | null>(null);

  #seq = 0;
  #abort: AbortController | null = null;

  /** Ask for the report of `q`; an answer to an older query is dropped. */
  async load(q: EvaluationQuery): Promise<void> {
    const seq = ++this.#seq;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.loading = true;
    this.error = null;
    try {
      const report = await api(ROUTES.evaluation, { query: q, signal: abort.signal });
      if (seq !== this.#seq) return;
      this.report = report;
      this.reportKey = queryToSearch(q);
    } catch (err) {
      if (seq !== this.#seq || (err as Error).name === 'AbortError') return;
      this.report = null;
      this.reportKey = null;
      this.error = err;
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  /** The agencies of the activities overlapping the period (nothing when they cannot be listed: the filter keeps the report's). */
  async loadAgencies(from: string, to: string): Promise<void> {
    try {
      const r = await api(ROUTES.activities, { query: { from, to } });
      this.agencies = [...new Set(r.activities.map((a) => a.agency))];
    } catch {
      this.agencies = [];
    }
  }

  async loadDocuments(): Promise<void> {
    try {
      this.documents = (await api(ROUTES.evaluationDocuments)).documents;
      this.documentsError = null;
    } catch (err) {
      this.documentsError = err;
    }
  }

  /** Issue the report; true when it was issued (the form may then be cleared). */
  async issue(body: EvaluationIssueInput): Promise<boolean> {
    if (this.issuing) return false;
    this.issuing = true;
    this.issueError = null;
    try {
      const r = await api(ROUTES.evaluationIssue, { body });
      this.issued = r.document;
      this.documents = [r.document, ...(this.documents ?? []).filter((d) => d.id !== r.document.id)];
      return true;
    } catch (err) {
      this.issueError = err;
      return false;
    } finally {
      this.issuing = false;
    }
  }

  stop(): void {
    this.#seq++;
    this.#abort?.abort();
  }
}
