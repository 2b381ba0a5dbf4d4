// Vitest's stand-in for the "server-only" package, which throws outside Next's server bundle:
// tests run server modules under plain Node, which is the server.
export {};
