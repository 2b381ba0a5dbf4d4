"use client";

import type { NotebookActions } from "@/lib/react/use-notebook-controller";
import type { Python } from "@/lib/react/use-kernel";
import { Disclosure } from "../ui/disclosure";
import { MoreIcon } from "../ui/icons";

interface Props {
  actions: NotebookActions;
  python: Python | null;
  readOnly: boolean;
  canRedo: boolean;
  hasContents: boolean;
  onToggleToc?: () => void;
  onEmbed: (() => void) | null;
}

interface Item {
  label: string;
  onPress: () => void;
  disabled?: boolean;
}

/**
 * The notebook bar's "More tools" on a phone: what the wide bar shows as buttons and a phone has no
 * room for, as a list of words (small-screens.css hides the wide bar's buttons and shows this).
 * Each item runs the same action as its button on the wide bar.
 */
export function BarMenu({ actions, python, readOnly, canRedo, hasContents, onToggleToc, onEmbed }: Props) {
  const items: Item[] = [
    ...(readOnly ? [] : [{ label: "Redo", onPress: () => actions.perform("redo"), disabled: !canRedo }]),
    { label: readOnly ? "Find" : "Find and replace", onPress: () => actions.perform("find") },
    ...(hasContents && onToggleToc ? [{ label: "Contents", onPress: onToggleToc }] : []),
    { label: "Keyboard shortcuts", onPress: () => actions.setHelpOpen(true) },
    ...(readOnly
      ? []
      : [
          { label: "Restart Python", onPress: () => actions.perform("restartKernel", undefined, "button"), disabled: !python },
          { label: "Clear all outputs", onPress: () => actions.perform("clearAllOutputs", undefined, "button") },
          { label: "Catch up with the room", onPress: () => python?.runner.catchUp(), disabled: !python },
        ]),
    ...(onEmbed ? [{ label: "Embed", onPress: onEmbed }] : []),
  ];
  return (
    <Disclosure className="bar-menu-box" label="More tools" icon={<MoreIcon />} toggleClassName="icon-button bar-menu-toggle" panelClassName="bar-menu" closeOnPress>
      {items.map((item) => (
        <button key={item.label} type="button" className="bar-menu-item" disabled={item.disabled} onClick={item.onPress}>
          {item.label}
        </button>
      ))}
    </Disclosure>
  );
}
