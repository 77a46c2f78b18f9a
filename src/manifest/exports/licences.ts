/**
 * What the documents need to know about licences beyond their ids: the
 * TGPL's names (a LicenseRef has no entry in the SPDX list, so documents
 * carry its name and text) and the page of a listed licence. Pure.
 */

export const TGPL_NAMES: Readonly<Record<string, string>> = {
  "LicenseRef-TGPL-1.0": "Training GPL, version 1.0 only",
  "LicenseRef-TGPL-1.0-or-later": "Training GPL, version 1.0 or any later version",
};

/** The TGPL id as written in TGPL_NAMES, for any spelling of it. */
export function tgplId(id: string): string | null {
  const lower = id.toLowerCase();
  return Object.keys(TGPL_NAMES).find((k) => k.toLowerCase() === lower) ?? null;
}

/** The SPDX list's page of a listed licence; null for a LicenseRef. */
export function spdxUrl(id: string): string | null {
  if (/^(LicenseRef|DocumentRef)-/i.test(id) || !/^[A-Za-z0-9.+-]+$/.test(id)) return null;
  return `https://spdx.org/licenses/${id.replace(/\+$/, "")}.html`;
}
