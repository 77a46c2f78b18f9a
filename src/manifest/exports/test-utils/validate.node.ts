/**
 * Validating what the exports write, for the tests: SPDX 3.0.1 against the
 * official JSON Schema (the copy in schemas/spdx-3.0.1/) plus the rules the
 * schema cannot state (spdx3-check.ts); CycloneDX with the CycloneDX
 * library's strict JSON validator; Croissant and MOF against the JSON
 * Schemas written from their specifications, plus Croissant's references.
 * Each returns the list of problems; empty means valid.
 */
import { readFileSync } from "node:fs";
import { Spec, Validation } from "@cyclonedx/cyclonedx-library";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse as parseYaml } from "yaml";
import { checkCroissant } from "../croissant-check.ts";
import type { CycloneDxSpec } from "../cyclonedx.ts";
import { checkSpdx3 } from "../spdx3-check.ts";

const json = (url: URL) => JSON.parse(readFileSync(url, "utf8"));

type Check = (doc: unknown) => string[];

function compile(schemaUrl: URL): Check {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  const validate = ajv.compile(json(schemaUrl));
  return (doc) =>
    validate(doc)
      ? []
      : (validate.errors ?? [])
          .slice(0, 20)
          .map((e) => `${e.instancePath || "/"}: ${e.message} ${JSON.stringify(e.params)}`);
}

let spdxSchema: Check | undefined;
export function validateSpdx3(doc: unknown): string[] {
  spdxSchema ??= compile(
    new URL("../../../../schemas/spdx-3.0.1/spdx-3.0.1-schema.json", import.meta.url),
  );
  return [...spdxSchema(doc), ...checkSpdx3(doc)];
}

const cdxValidators = new Map<CycloneDxSpec, Validation.JsonStrictValidator>();
export async function validateCycloneDx(
  text: string,
  spec: CycloneDxSpec = "1.6",
): Promise<string[]> {
  let v = cdxValidators.get(spec);
  if (!v) {
    v = new Validation.JsonStrictValidator(
      spec === "1.7" ? Spec.Version.v1dot7 : Spec.Version.v1dot6,
    );
    cdxValidators.set(spec, v);
  }
  const errors = await v.validate(text);
  return errors === null ? [] : [JSON.stringify(errors).slice(0, 4000)];
}

let croissantSchema: Check | undefined;
export function validateCroissant(doc: unknown): string[] {
  croissantSchema ??= compile(new URL("../croissant.schema.json", import.meta.url));
  return [...croissantSchema(doc), ...checkCroissant(doc)];
}

let mofSchema: Check | undefined;
export function validateMof(yamlText: string): string[] {
  mofSchema ??= compile(new URL("../mof.schema.json", import.meta.url));
  return mofSchema(parseYaml(yamlText));
}
