/**
 * Where the go-dlv resolver gets the profilepoints a launch starts with. The profilepoint
 * feature owns them (set in the editor's breakpoints); the one configuration resolver in
 * src/debugType reads them here, so no second provider resolves go-dlv configurations.
 */
import type { Profilepoint } from '../capture/api';

let source: () => Profilepoint[] = () => [];

/** The profilepoint feature says where its points come from; the returned function undoes it. */
export function provideProfilepoints(points: () => Profilepoint[]): () => void {
  source = points;
  return () => {
    if (source === points) {
      source = () => [];
    }
  };
}

export function currentProfilepoints(): Profilepoint[] {
  return source();
}
