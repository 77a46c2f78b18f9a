/**
 * Opening what a user names on the command line as a model: a .safetensors
 * file, a sharded model's index, a .gguf file, a PEFT adapter folder, or a
 * folder holding one of these. Only headers are read here; tensor data is
 * read later, a slice at a time.
 */
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../../errors.ts";
import { GGML_TYPES } from "../../formats/gguf/constants.ts";
import { openGguf } from "../../formats/gguf/reader.node.ts";
import { NUMERIC_DTYPES } from "../../formats/safetensors/dtypes.ts";
import { openSafetensors } from "../../formats/safetensors/reader.node.ts";
import { ggufDeclared } from "./gguf-declared.ts";
import { loraDeltaRows, loraScale, pairLoraTensors, parseAdapterConfig } from "./peft.ts";
import { DECODABLE_GGML, dequantize } from "./quants.ts";
import type {
  AdapterSource,
  AdapterTarget,
  Declared,
  ModelSource,
  Source,
  TensorEntry,
} from "./source.ts";

const PICKLE = /\.(bin|pt|pth|ckpt|pkl)$/i;
/** File names that stand for the repository they lie in, not for a model of their own. */
const STANDARD =
  /^(model|adapter_model|pytorch_model|consolidated)(-\d+-of-\d+)?\.(safetensors|gguf)$|\.index\.json$/;

/** The id a model gets when no card names it: ORG/NAME from its folder, else the file's name. */
export function defaultId(path: string): string {
  const abs = resolve(path);
  let dir = abs;
  try {
    if (!statSync(abs).isDirectory()) {
      if (!STANDARD.test(basename(abs))) return basename(abs).replace(/\.(safetensors|gguf)$/i, "");
      dir = dirname(abs);
    }
  } catch {
    return basename(abs);
  }
  const name = basename(dir);
  const org = basename(dirname(dir));
  return org && org !== "/" && org !== "." ? `${org}/${name}` : name;
}

function magicIsGguf(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const b = new Uint8Array(4);
    return readSync(fd, b, 0, 4, 0) === 4 && String.fromCharCode(...b) === "GGUF";
  } finally {
    closeSync(fd);
  }
}

/** The weights file (or adapter folder) a path stands for. */
function locate(path: string): { kind: "safetensors" | "gguf" | "adapter"; path: string } {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch (e) {
    throw new InputError(
      `${path}: cannot read (${(e as NodeJS.ErrnoException).code})`,
      "Check the path.",
    );
  }
  if (st.isDirectory()) {
    if (existsSync(join(path, "adapter_config.json"))) return { kind: "adapter", path };
    for (const f of ["model.safetensors.index.json", "model.safetensors"])
      if (existsSync(join(path, f))) return { kind: "safetensors", path: join(path, f) };
    const files = readdirSync(path).sort();
    const st = files.filter((f) => f.endsWith(".safetensors"));
    const gg = files.filter((f) => f.toLowerCase().endsWith(".gguf"));
    if (st.length === 1) return { kind: "safetensors", path: join(path, st[0]!) };
    if (st.length === 0 && gg.length === 1) return { kind: "gguf", path: join(path, gg[0]!) };
    if (st.length + gg.length > 1)
      throw new InputError(
        `${path} holds ${st.length + gg.length} weights files (${[...st, ...gg].slice(0, 4).join(", ")})`,
        "Name the file to compare, or the sharded model's model.safetensors.index.json.",
      );
    if (files.some((f) => PICKLE.test(f)))
      throw new InputError(
        `${path} holds only pickle weights (${files.filter((f) => PICKLE.test(f)).join(", ")})`,
        "Pickle files can run code when loaded, so tgpl does not read them: convert the model to safetensors.",
      );
    throw new InputError(
      `${path} holds no model weights`,
      "Give a .safetensors or .gguf file, a model.safetensors.index.json, or a PEFT adapter folder (adapter_config.json).",
    );
  }
  const name = basename(path);
  if (name === "adapter_config.json") return { kind: "adapter", path: dirname(path) };
  if (PICKLE.test(name))
    throw new InputError(
      `${path} is a pickle file`,
      "Pickle files can run code when loaded, so tgpl does not read them: convert the model to safetensors.",
    );
  if (name.endsWith(".json")) return { kind: "safetensors", path };
  return { kind: magicIsGguf(path) ? "gguf" : "safetensors", path };
}

function safetensorsModel(path: string, id: string): ModelSource {
  const st = openSafetensors(path);
  const tensors: TensorEntry[] = st.tensors.map((t) => ({
    name: t.name,
    shape: t.shape,
    elements: t.elements,
    stored: t.dtype,
    unreadable: NUMERIC_DTYPES.has(t.dtype)
      ? null
      : `${t.dtype} values are not weights that can be compared numerically`,
  }));
  const byName = new Map(st.tensors.map((t) => [t.name, t]));
  const declared: Declared = { bases: [] };
  // Some converters leave these in the header; most files say nothing.
  const meta = st.metadata;
  if (meta.base_model)
    declared.bases.push({ ref: meta.base_model, from: "__metadata__.base_model" });
  if (meta.license) declared.licence = meta.license;
  return {
    kind: "model",
    id,
    path,
    format: "safetensors",
    tensors,
    declared,
    notes: st.warnings,
    read(t, first, out) {
      st.readFloats(byName.get(t.name)!, first, out);
    },
    close: st.close,
  };
}

function ggufModel(path: string, id: string): ModelSource {
  const g = openGguf(path);
  const infos = new Map(g.file.tensors.map((t) => [t.name, t]));
  const tensors: TensorEntry[] = g.file.tensors
    .map((t) => ({
      name: t.name,
      shape: [...t.dims].reverse(),
      elements: t.elements,
      stored: t.typeName,
      unreadable: DECODABLE_GGML[t.type]
        ? null
        : `${t.typeName} blocks are not decoded by tgpl (only F32, F16, BF16, Q8_0, Q5_0, Q5_1, Q4_0, Q4_1): compared by name, shape and type only`,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    kind: "model",
    id,
    path,
    format: "gguf",
    tensors,
    declared: ggufDeclared(g.file),
    notes: [],
    read(t, first, out) {
      const info = infos.get(t.name)!;
      const type = GGML_TYPES[info.type]!;
      if (first % type.blockSize !== 0 || out.length % type.blockSize !== 0)
        throw new RangeError(`${t.name}: reads must cover whole ${type.name} blocks`);
      const at = info.fileOffset + (first / type.blockSize) * type.typeSize;
      const length = (out.length / type.blockSize) * type.typeSize;
      const bytes = g.source.read(at, length);
      if (bytes.length !== length)
        throw new InputError(
          `${path}: tensor ${t.name}: the file ends inside its data`,
          "The file was cut short: fetch it again.",
        );
      dequantize(info.type, bytes, out);
    },
    close: g.close,
  };
}

function adapter(dir: string, id: string): AdapterSource {
  const configPath = join(dir, "adapter_config.json");
  let text: string;
  try {
    text = readFileSync(configPath, "utf8");
  } catch (e) {
    throw new InputError(
      `${configPath}: cannot read (${(e as NodeJS.ErrnoException).code})`,
      "Check the path.",
    );
  }
  const config = parseAdapterConfig(text);
  if (!config.ok)
    throw new InputError(
      `${configPath}: ${config.error}`,
      "Give the adapter folder as PEFT saves it (adapter_config.json and adapter_model.safetensors).",
    );
  const weightsPath = join(dir, "adapter_model.safetensors");
  if (!existsSync(weightsPath))
    throw new InputError(
      `${dir} has adapter_config.json but no adapter_model.safetensors`,
      existsSync(join(dir, "adapter_model.bin"))
        ? "adapter_model.bin is a pickle file, which can run code when loaded: save the adapter with safe_serialization=True."
        : "Save the adapter with PEFT's save_pretrained.",
    );
  const st = openSafetensors(weightsPath);
  const c = config.value;
  const scale = loraScale(c);
  const { pairs, unpaired } = pairLoraTensors(st.tensors.map((t) => t.name));
  const byName = new Map(st.tensors.map((t) => [t.name, t]));
  const notes = [...st.warnings];
  if (unpaired.length > 0)
    notes.push(
      `${unpaired.length} adapter tensors are not LoRA A/B pairs and are not applied: ${unpaired.slice(0, 4).join(", ")}`,
    );
  const loaded = new Map<
    string,
    { a: Float32Array; b: Float32Array; r: number; inDim: number; outDim: number }
  >();
  const targets: AdapterTarget[] = [];
  let rank = 0;
  for (const p of pairs) {
    const a = byName.get(p.a)!;
    const b = byName.get(p.b)!;
    if (a.shape.length !== 2 || b.shape.length !== 2 || a.shape[0] !== b.shape[1]) {
      notes.push(
        `${p.a} ${JSON.stringify(a.shape)} and ${p.b} ${JSON.stringify(b.shape)} do not multiply; skipped`,
      );
      continue;
    }
    const [r, inDim] = a.shape as [number, number];
    const outDim = b.shape[0]!;
    // Adapters are small (r · (in + out) values per layer): held in memory.
    loaded.set(p.tensor, {
      a: st.readFloats(a, 0, new Float32Array(a.elements)),
      b: st.readFloats(b, 0, new Float32Array(b.elements)),
      r,
      inDim,
      outDim,
    });
    rank = Math.max(rank, r);
    targets.push({
      tensor: p.tensor,
      shape: c.fanInFanOut ? [inDim, outDim] : [outDim, inDim],
      rank: r,
    });
  }
  st.close();
  if (rank > 0 && rank !== c.r)
    notes.push(`adapter_config.json says r = ${c.r}; the tensors have rank up to ${rank}`);
  return {
    kind: "adapter",
    id,
    path: dir,
    format: "peft",
    base: c.base,
    rank: rank || c.r,
    alpha: c.alpha,
    scale,
    targets,
    declared: {
      bases: c.base ? [{ ref: c.base, relation: "adapter", from: "adapter_config.json" }] : [],
    },
    notes,
    delta(target, row, out) {
      const l = loaded.get(target.tensor)!;
      loraDeltaRows(l.a, l.b, l.r, l.inDim, l.outDim, scale, c.fanInFanOut, row, out);
    },
    close() {},
  };
}

/**
 * Opens the model (or adapter) at `path`, reading headers only.
 * @throws InputError for a path that holds no readable weights, or a damaged file.
 */
export function openSource(path: string, id?: string): Source {
  const where = locate(path);
  const name = id ?? defaultId(path);
  if (where.kind === "adapter") return adapter(where.path, name);
  if (where.kind === "gguf") return ggufModel(where.path, name);
  return safetensorsModel(where.path, name);
}
