/** The OpenAPI 3.1 description of Inloop's public API (served at /api/v1/openapi.json). */
import { api } from './index.ts';
import { generateDocument } from './document.ts';

/** The document for a server at `origin`, generated from the API's routes and validators. */
export const openApiDocument = (origin: string) => generateDocument(api as never, origin);
