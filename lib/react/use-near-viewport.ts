/**
 * Whether an element is on screen or close to it, through one shared IntersectionObserver: cells
 * mount their editors only when near the viewport, so a long notebook stays light.
 */
import { useEffect, useState, type RefObject } from "react";

/** How far outside the viewport an element still counts as near. */
const MARGIN = "600px 0px";

let observer: IntersectionObserver | null = null;
const callbacks = new Map<Element, (near: boolean) => void>();

function shared(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) callbacks.get(entry.target)?.(entry.isIntersecting);
    },
    { rootMargin: MARGIN },
  );
  return observer;
}

/**
 * `initially` is the answer before the first observation: true for the first cells of a page, so
 * they render in full at once instead of one frame later.
 */
export function useNearViewport(ref: RefObject<Element | null>, initially = false): boolean {
  const [near, setNear] = useState(initially);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === "undefined") {
      setNear(true);
      return;
    }
    callbacks.set(element, setNear);
    shared().observe(element);
    return () => {
      callbacks.delete(element);
      shared().unobserve(element);
    };
  }, [ref]);
  return near;
}
