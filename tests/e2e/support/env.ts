/** Where the end-to-end server listens. TANDEM_E2E_PORT overrides (Vitest owns BASE_URL). */
export const E2E_PORT = Number(process.env.TANDEM_E2E_PORT ?? 3100);
export const E2E_URL = `http://localhost:${E2E_PORT}`;
