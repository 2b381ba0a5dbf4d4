/**
 * The signed-in person for the request being rendered (server components, route handlers, server
 * actions): one session lookup per request, shared by the layout and the page.
 */
import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { viewerFrom, type Viewer } from "./auth";

export const currentViewer = cache(async (): Promise<Viewer | null> => viewerFrom(await headers()));
