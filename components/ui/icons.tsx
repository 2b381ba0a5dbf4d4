/** Small line icons (16 px, currentColor), drawn here so the app ships no icon font. */
import type { ReactNode } from "react";

function Icon({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={label ? undefined : true}
      role={label ? "img" : undefined}
      aria-label={label}
    >
      {children}
    </svg>
  );
}

export const ArrowUpIcon = () => <Icon><path d="M8 13V3M4 7l4-4 4 4" /></Icon>;
export const ArrowDownIcon = () => <Icon><path d="M8 3v10M4 9l4 4 4-4" /></Icon>;
export const InsertAboveIcon = () => <Icon><path d="M3 10h10v3H3zM8 2v5M5.5 4.5h5" /></Icon>;
export const InsertBelowIcon = () => <Icon><path d="M3 3h10v3H3zM8 9v5M5.5 11.5h5" /></Icon>;
export const SplitIcon = () => <Icon><path d="M3 3h10v3.5H3zM3 9.5h10V13H3zM1.5 8h2M6 8h4M12.5 8h2" /></Icon>;
export const MergeIcon = () => <Icon><path d="M3 2.5h10v11H3zM3 8h10" strokeDasharray="0" /><path d="M6.5 6 8 7.5 9.5 6M6.5 10 8 8.5 9.5 10" /></Icon>;
export const TrashIcon = () => <Icon><path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 9h5.6l.7-9M7 7v4M9 7v4" /></Icon>;
export const UndoIcon = () => <Icon><path d="M5.5 3 2.5 6l3 3M2.5 6h7a3.5 3.5 0 0 1 0 7H7" /></Icon>;
export const RedoIcon = () => <Icon><path d="M10.5 3l3 3-3 3M13.5 6h-7a3.5 3.5 0 0 0 0 7H9" /></Icon>;
export const PlusIcon = () => <Icon><path d="M8 3v10M3 8h10" /></Icon>;
export const KeyboardIcon = () => <Icon><path d="M1.5 4h13v8h-13zM4 6.5h.01M6.5 6.5h.01M9 6.5h.01M11.5 6.5h.01M4.5 9.5h7" /></Icon>;
export const LinkIcon = () => <Icon><path d="M6.5 9.5l3-3M7 4.5l1-1a2.5 2.5 0 0 1 3.5 3.5l-1 1M9 11.5l-1 1A2.5 2.5 0 0 1 4.5 9l1-1" /></Icon>;
export const CopyIcon = () => <Icon><path d="M5.5 5.5h8v8h-8zM10.5 5.5v-3h-8v8h3" /></Icon>;
export const PlayIcon = () => <Icon><path d="M4.5 3v10l8-5z" /></Icon>;
export const RunAllIcon = () => <Icon><path d="M2.5 3v10l6-5zM8.5 3v10l6-5z" /></Icon>;
export const StopIcon = () => <Icon><path d="M4 4h8v8H4z" /></Icon>;
export const RestartIcon = () => <Icon><path d="M13 8a5 5 0 1 1-1.6-3.7M13 2.5v3h-3" /></Icon>;
export const RunAboveIcon = () => <Icon><path d="M5 7.5v6l5-3zM3 3h10" /></Icon>;
export const RunBelowIcon = () => <Icon><path d="M5 2.5v6l5-3zM3 13h10" /></Icon>;
export const CatchUpIcon = () => <Icon><path d="M2.5 8h8M7.5 4.5 11 8l-3.5 3.5M13.5 3v10" /></Icon>;
export const EmbedIcon = () => <Icon><path d="M5.5 4.5 2 8l3.5 3.5M10.5 4.5 14 8l-3.5 3.5M9 3 7 13" /></Icon>;
export const MenuIcon = () => <Icon><path d="M2.5 4h11M2.5 8h11M2.5 12h11" /></Icon>;
export const MoonIcon = () => <Icon><path d="M13 9.5A5.5 5.5 0 0 1 6.5 3a5.5 5.5 0 1 0 6.5 6.5z" /></Icon>;
export const SunIcon = () => <Icon><path d="M8 5a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1" /></Icon>;
export const SearchIcon = () => <Icon><path d="M7 12A5 5 0 1 0 7 2a5 5 0 0 0 0 10zM10.5 10.5 14 14" /></Icon>;
export const ContentsIcon = () => <Icon><path d="M2.5 4h11M5 8h8.5M7.5 12h6" /></Icon>;
export const CloseIcon = () => <Icon><path d="M4 4l8 8M12 4l-8 8" /></Icon>;
export const ChevronRightIcon = () => <Icon><path d="M6 3.5 10.5 8 6 12.5" /></Icon>;
export const MoreIcon = () => <Icon><path d="M3.5 8h.01M8 8h.01M12.5 8h.01" strokeWidth="2.6" /></Icon>;
export const ClearOutputsIcon = () => <Icon><path d="M2.5 3.5h11M2.5 7h11M2.5 10.5h5M10 9.5l3.5 3.5M13.5 9.5 10 13" /></Icon>;
