/** Where the collaboration socket lives: the app's own origin, path /collab (rooms append /<id>). */
export function collabServerUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/collab`;
}
