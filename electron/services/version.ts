import { readFileSync } from 'node:fs';
import { z } from 'zod';

const PackageJson = z.object({ name: z.string(), version: z.string() });

/** The app's own name and version, read once from package.json. */
export const appPackage = PackageJson.parse(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')));
