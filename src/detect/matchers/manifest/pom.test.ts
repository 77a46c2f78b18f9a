import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pomLicences } from "./pom.ts";
import { rows, runFixture, runText } from "./testing.node.ts";

describe("pom.xml", () => {
  it("maps a Maven licence name (javax.inject: The Apache Software License, Version 2.0)", () => {
    const run = runFixture("pom/javax-inject/javax.inject-1.pom");
    assert.deepEqual(rows(run), [["Apache-2.0", 0.9, 11, 15]]);
    assert.deepEqual(run.warnings, []);
  });

  it("ORs several <license> elements, as the POM reference says (jna 5.13.0)", () => {
    assert.deepEqual(rows(runFixture("pom/jna/jna-5.13.0.pom")), [
      ["LGPL-2.1-or-later OR Apache-2.0", 1, 17, 36],
    ]);
  });

  it("maps the GPL with the Classpath exception (EE4J parent)", () => {
    assert.deepEqual(rows(runFixture("pom/ee4j/project-1.0.8.pom")), [
      ["EPL-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0", 0.9, 54, 63],
    ]);
  });

  it("reads only /project/licenses, not comments or plugin configuration (commons style)", () => {
    const run = runFixture("pom/commons-style/pom.xml");
    assert.deepEqual(rows(run), [["Apache-2.0", 1, 37, 41]]);
    assert.deepEqual(run.warnings, []);
  });

  it("never expands entities: XXE and billion laughs stay unexpanded names", () => {
    const xxe = runFixture("pom/xxe/pom.xml");
    assert.deepEqual(xxe.matches, []);
    assert.match(xxe.warnings[0]!, /name "&licence;"/);
    assert.doesNotMatch(xxe.warnings.join("\n"), /root:/);
    const laughs = runFixture("pom/billion-laughs/pom.xml");
    assert.deepEqual(rows(laughs), [["MIT", 0.9, 18, 24]]);
    assert.ok(laughs.warnings[0]!.length < 300, "the entity stays a short reference");
  });

  it("warns on malformed XML with the line", () => {
    const run = runFixture("pom/malformed/pom.xml");
    assert.deepEqual(run.matches, []);
    assert.match(run.warnings[0]!, /not well-formed XML \(line 7: <\/licence> closes <license>\)/);
    assert.match(
      runText("pom.xml", "<project><licenses><!-- open").warnings[0]!,
      /comment is never closed/,
    );
    assert.match(
      runText("pom.xml", "<project><licenses>").warnings[0]!,
      /<licenses> is never closed/,
    );
  });

  it("decodes predefined entities and CDATA in names and urls", () => {
    const { licences } = pomLicences(
      "<project><licenses><license><name><![CDATA[GPL v2 & later]]></name><url>https://a.org/?x=1&amp;y=2</url></license></licenses></project>",
    );
    assert.deepEqual(licences, [
      { name: "GPL v2 & later", url: "https://a.org/?x=1&y=2", lines: [1, 1] },
    ]);
  });

  it("falls back to the url when the name is vague", () => {
    const text =
      "<project>\n<licenses>\n<license>\n<name>Public Domain</name>\n<url>http://repository.jboss.org/licenses/cc0-1.0.txt</url>\n</license>\n</licenses>\n</project>\n";
    assert.deepEqual(rows(runText("x-1.0.pom", text)), [["CC0-1.0", 0.8, 3, 6]]);
  });
});
