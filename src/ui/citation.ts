/** The one-line citation of a source reference: title, then page/section where there is one. */
import type { Scene, SourceRef } from '../content/schema';

export function citation(ref: SourceRef, sources: Scene['sources'] | undefined): string {
  const title = sources?.[ref.source]?.title ?? ref.source;
  return ref.locator ? `${title}，${ref.locator}` : title;
}
