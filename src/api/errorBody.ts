import * as z from 'zod/mini';
import { lazy } from '../core/lazy';

/** An error body as the CoinAPI services send it: `{"error": "Invalid API key"}`. */
export const errorBodySchema = lazy(() =>
  z.union([
    z.object({ error: z.string() }),
    z.object({ message: z.string() }),
    z.object({ title: z.string(), detail: z.optional(z.string()) }),
  ]),
);
