"use client";

import { useEffect } from "react";
import { sizeMessage } from "@/lib/embed/frame-protocol";

/**
 * Tells the framing page this frame's height whenever it changes (outputs appear, text grows).
 * It measures the content element, not the document, so the frame can shrink again.
 */
export function useFrameSize(content: React.RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = content.current;
    if (window.parent === window || !element) return;
    let last = -1;
    const report = () => {
      const style = getComputedStyle(element);
      const height = element.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
      if (height === last) return;
      last = height;
      window.parent.postMessage(sizeMessage(height), "*");
    };
    const observer = new ResizeObserver(report);
    observer.observe(element);
    report();
    return () => observer.disconnect();
  }, [content]);
}
