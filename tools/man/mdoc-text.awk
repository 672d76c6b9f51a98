# Finishes the man page that swift-argument-parser's generate-manual writes: it copies the
# commands' help text into the mdoc source as it is, where troff would fill the examples
# and tables into running text, and take a line starting with ' or . for a request (and
# drop it). Here a blank line becomes a paragraph break, indented lines (examples, tables)
# a literal block, and the text is escaped. Lines starting with . are the tool's macros.

function escaped(line) {
  gsub(/\\/, "\\e", line)
  if (line ~ /^['.]/) line = "\\&" line
  return line
}

function end_block() {
  if (in_block) print ".Ed"
  in_block = 0
}

/^\./ { end_block(); print; next }
/^$/ { end_block(); print ".Pp"; next }
/^  / {
  if (!in_block) print ".Bd -literal -offset indent"
  in_block = 1
  sub(/^  /, "")
  print escaped($0)
  next
}
{ end_block(); print escaped($0) }
END { end_block() }
