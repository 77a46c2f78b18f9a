# frozen_string_literal: true

# Runs licensee on many single files in one process, so the benchmark does not
# pay Ruby's and licensee's start-up once per file. Each path (one per line on
# stdin) is read and judged as licensee judges a licence file in a project:
# Licensee::ProjectFiles::LicenseFile with its default matchers (Copyright,
# Exact, Dice) and the default confidence threshold. One JSON object per line
# on stdout: {"path", "license", "matcher", "confidence"} or {"path", "error"}.
# A file that makes licensee raise becomes an error record; the batch goes on.
require 'json'
require 'licensee'

$stdout.sync = true

$stdin.each_line do |line|
  path = line.chomp
  next if path.empty?

  begin
    content = File.binread(path)
    file = Licensee::ProjectFiles::LicenseFile.new(content, File.basename(path))
    matcher = file.matcher
    license = matcher&.match
    puts JSON.generate(
      path: path,
      license: license&.spdx_id,
      matcher: matcher&.name&.to_s,
      confidence: file.confidence
    )
  rescue StandardError, SystemStackError => e
    puts JSON.generate(path: path, error: "#{e.class}: #{e.message}"[0, 300])
  end
end
