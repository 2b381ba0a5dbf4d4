import { EmbedUnavailable } from "@/components/embed/embed-unavailable";

export default function NotFound() {
  return <EmbedUnavailable />;
}
