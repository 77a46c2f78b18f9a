/**
 * RFC 9651 Structured Field Dictionaries, the syntax of the AI-preferences
 * `Content-Usage` value. Parsing follows the RFC's algorithm (section 4.2)
 * step by step, because the vocabulary draft gives the parse a meaning of its
 * own: a value that fails to parse states no preference at all, so a lenient
 * parser would invent preferences the sender never stated.
 */

export type BareItem =
  | { type: "integer" | "decimal"; value: number }
  | { type: "string" | "token" | "display"; value: string }
  | { type: "bytes"; value: string }
  | { type: "boolean"; value: boolean }
  | { type: "date"; value: number };

export type Params = Map<string, BareItem>;
export interface Item {
  kind: "item";
  value: BareItem;
  params: Params;
}
export interface InnerList {
  kind: "list";
  items: Item[];
  params: Params;
}
export type Member = Item | InnerList;
export type Dictionary = Map<string, Member>;

class Fail extends Error {}

/**
 * Parse a Dictionary field value; null when the RFC says parsing fails.
 * Bytes outside printable ASCII fail, as the RFC's input is ASCII.
 * @example parseDictionary("train-ai=n, search=y")?.get("search") // {kind:"item", value:{type:"token", value:"y"}, ...}
 */
export function parseDictionary(input: string): Dictionary | null {
  // RFC 9651 4.2: the field value is ASCII; anything else fails the parse.
  if (/[^\x20-\x7e\t]/.test(input)) return null;
  const p = new Parser(input);
  try {
    p.skipSP();
    const dict = p.dictionary();
    p.skipSP();
    if (!p.done()) return null;
    return dict;
  } catch (e) {
    if (e instanceof Fail) return null;
    throw e;
  }
}

const LCALPHA = /[a-z]/;
const KEY_CHAR = /[a-z0-9_\-.*]/;
const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z:/]/;
const BASE64 = /[A-Za-z0-9+/=]/;

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.i >= this.s.length;
  }
  private peek(): string {
    return this.s[this.i] ?? "";
  }
  skipSP(): void {
    while (this.peek() === " ") this.i++;
  }
  private skipOWS(): void {
    while (this.peek() === " " || this.peek() === "\t") this.i++;
  }

  dictionary(): Dictionary {
    const dict: Dictionary = new Map();
    while (!this.done()) {
      const key = this.key();
      let member: Member;
      if (this.peek() === "=") {
        this.i++;
        member = this.itemOrList();
      } else {
        member = { kind: "item", value: { type: "boolean", value: true }, params: this.params() };
      }
      // A repeated key keeps its first position but takes the last value (4.2.2).
      dict.set(key, member);
      this.skipOWS();
      if (this.done()) return dict;
      if (this.peek() !== ",") throw new Fail();
      this.i++;
      this.skipOWS();
      if (this.done()) throw new Fail(); // trailing comma
    }
    return dict;
  }

  private itemOrList(): Member {
    if (this.peek() === "(") return this.innerList();
    return { kind: "item", value: this.bareItem(), params: this.params() };
  }

  private innerList(): InnerList {
    this.i++; // "("
    const items: Item[] = [];
    while (!this.done()) {
      this.skipSP();
      if (this.peek() === ")") {
        this.i++;
        return { kind: "list", items, params: this.params() };
      }
      items.push({ kind: "item", value: this.bareItem(), params: this.params() });
      const c = this.peek();
      if (c !== " " && c !== ")") throw new Fail();
    }
    throw new Fail();
  }

  private params(): Params {
    const params: Params = new Map();
    while (this.peek() === ";") {
      this.i++;
      this.skipSP();
      const key = this.key();
      let value: BareItem = { type: "boolean", value: true };
      if (this.peek() === "=") {
        this.i++;
        value = this.bareItem();
      }
      params.set(key, value);
    }
    return params;
  }

  private key(): string {
    const c = this.peek();
    if (!LCALPHA.test(c) && c !== "*") throw new Fail();
    const start = this.i;
    while (!this.done() && KEY_CHAR.test(this.peek())) this.i++;
    return this.s.slice(start, this.i);
  }

  private bareItem(): BareItem {
    const c = this.peek();
    if (c === "-" || /[0-9]/.test(c)) return this.number();
    if (c === '"') return { type: "string", value: this.string() };
    if (/[A-Za-z*]/.test(c)) return { type: "token", value: this.token() };
    if (c === ":") return { type: "bytes", value: this.bytes() };
    if (c === "?") return { type: "boolean", value: this.boolean() };
    if (c === "@") {
      this.i++;
      const n = this.number();
      if (n.type !== "integer") throw new Fail();
      return { type: "date", value: n.value };
    }
    if (c === "%") return { type: "display", value: this.display() };
    throw new Fail();
  }

  private number(): BareItem {
    const m = /^(-?)([0-9]+)(?:\.([0-9]*))?/.exec(this.s.slice(this.i));
    if (!m) throw new Fail();
    const [whole, , intPart, frac] = m;
    if (frac === undefined) {
      if (intPart!.length > 15) throw new Fail();
      this.i += whole.length;
      return { type: "integer", value: Number(whole) };
    }
    if (intPart!.length > 12 || frac.length === 0 || frac.length > 3) throw new Fail();
    this.i += whole.length;
    return { type: "decimal", value: Number(whole) };
  }

  private string(): string {
    this.i++; // opening quote
    let out = "";
    while (!this.done()) {
      const c = this.s[this.i++]!;
      if (c === "\\") {
        const next = this.s[this.i++];
        if (next !== '"' && next !== "\\") throw new Fail();
        out += next;
      } else if (c === '"') return out;
      else if (c < " " || c > "~") throw new Fail();
      else out += c;
    }
    throw new Fail();
  }

  private token(): string {
    const start = this.i++;
    while (!this.done() && TCHAR.test(this.peek())) this.i++;
    return this.s.slice(start, this.i);
  }

  private bytes(): string {
    this.i++;
    const start = this.i;
    while (!this.done() && this.peek() !== ":") {
      if (!BASE64.test(this.peek())) throw new Fail();
      this.i++;
    }
    if (this.done()) throw new Fail();
    const value = this.s.slice(start, this.i);
    this.i++;
    return value;
  }

  private boolean(): boolean {
    this.i++;
    const c = this.s[this.i++];
    if (c === "1") return true;
    if (c === "0") return false;
    throw new Fail();
  }

  private display(): string {
    if (this.s[this.i + 1] !== '"') throw new Fail();
    this.i += 2;
    const bytes: number[] = [];
    while (!this.done()) {
      const c = this.s[this.i++]!;
      if (c === '"') {
        try {
          return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bytes));
        } catch {
          throw new Fail();
        }
      }
      if (c === "%") {
        const hex = this.s.slice(this.i, this.i + 2);
        if (!/^[0-9a-f]{2}$/.test(hex)) throw new Fail();
        bytes.push(Number.parseInt(hex, 16));
        this.i += 2;
      } else if (c < " " || c > "~") throw new Fail();
      else bytes.push(c.charCodeAt(0));
    }
    throw new Fail();
  }
}

/** Serialise a string bare item (RFC 9651 4.1.6). */
export function sfString(value: string): string {
  if (/[^\x20-\x7e]/.test(value)) throw new Error(`not an sf-string: ${JSON.stringify(value)}`);
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
