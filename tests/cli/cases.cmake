# End-to-end cases for the tactful binary. Golden output uses the small test
# pack so that it pins the formats, not the default pack's wording.
set(run "${CMAKE_CURRENT_SOURCE_DIR}/cli/run_case.cmake")
set(pack "--no-default-rules|--rules|data/pack")

function(cli_case name)
  cmake_parse_arguments(C "PIPE_HEAD" "ARGS;RC;GOLDEN;STDOUT;STDERR;STDERR_LINES;STDIN" "" ${ARGN})
  set(defs -DTACTFUL=$<TARGET_FILE:tactful_cli> "-DARGS=${C_ARGS}" -DEXPECT_RC=${C_RC})
  if(C_GOLDEN)
    list(APPEND defs "-DGOLDEN=${CMAKE_CURRENT_SOURCE_DIR}/golden/${C_GOLDEN}")
  endif()
  if(C_STDOUT)
    list(APPEND defs "-DSTDOUT_MATCH=${C_STDOUT}")
  endif()
  if(C_STDERR)
    list(APPEND defs "-DSTDERR_MATCH=${C_STDERR}")
  endif()
  if(C_STDERR_LINES)
    list(APPEND defs -DSTDERR_LINES=${C_STDERR_LINES})
  endif()
  if(C_STDIN)
    list(APPEND defs "-DSTDIN=${CMAKE_CURRENT_SOURCE_DIR}/${C_STDIN}")
  endif()
  if(C_PIPE_HEAD)
    list(APPEND defs -DPIPE_HEAD=1)
  endif()
  add_test(NAME "cli: ${name}" COMMAND ${CMAKE_COMMAND} ${defs} -P "${run}")
endfunction()

# Output formats and exit codes.
cli_case("text output" ARGS "check|${pack}|--customer-name|Dana|data/drafts/blame.txt" RC 1 GOLDEN check-blame.txt)
cli_case("json output" ARGS "check|${pack}|--format|json|--customer-name|Dana|data/drafts/blame.txt" RC 1
         GOLDEN check-blame.json)
cli_case("json for several drafts" ARGS "check|${pack}|--format|json|data/drafts/clean.txt|data/drafts/plain.txt" RC 0
         GOLDEN check-two.json)
cli_case("context" ARGS "check|${pack}|--context|data/drafts/upset-customer.txt|data/drafts/plain.txt" RC 1
         GOLDEN check-context.txt)
cli_case("evidence, text" ARGS "check|${pack}|--evidence|data/drafts/blame.txt" RC 1
         STDOUT "  signal blame: test.blame at 3:8 \"you forgot to\"\n")
cli_case("evidence, json" ARGS "check|${pack}|--evidence|--format|json|data/drafts/blame.txt" RC 1
         STDOUT "\"evidence\":\\[\\{\"rule\":\"test.greeting\",\"sets\":\"greeting\",\"in\":\"reply\",\"offset\":0,\"length\":2\\}")
cli_case("standard input" ARGS "check|${pack}|-" STDIN data/drafts/blame.txt RC 1 STDOUT "<stdin>:3:8: warning: This blames")
cli_case("fail-on never" ARGS "check|${pack}|--fail-on|never|data/drafts/blame.txt" RC 0 STDOUT "score")
cli_case("fail-on error" ARGS "check|${pack}|--fail-on|error|data/drafts/blame.txt" RC 0 STDOUT "score")
cli_case("fail-on suggestion" ARGS "check|${pack}|--fail-on|suggestion|data/drafts/clean.txt" RC 0 STDOUT "no findings")
cli_case("clean draft" ARGS "check|${pack}|data/drafts/clean.txt" RC 0 STDOUT "no findings\n$")
cli_case("color always" ARGS "check|${pack}|--color|always|data/drafts/blame.txt" RC 1 STDOUT "\\[1;35mwarning:")
cli_case("default pack" ARGS "check|--context|../examples/late-refund/customer.txt|../examples/late-refund/draft.txt"
         RC 1 STDOUT "draft.txt: score [0-9]+/100")
cli_case("closed pipe" ARGS "check|${pack}|--fail-on|never|data/drafts/blame.txt|data/drafts/blame.txt|data/drafts/blame.txt"
         RC 0 PIPE_HEAD)

# Rules.
cli_case("rules" ARGS "rules|${pack}" RC 0 GOLDEN rules.txt)
cli_case("explain" ARGS "explain|test.blame|${pack}" RC 0 GOLDEN explain-blame.txt)
cli_case("explain unknown" ARGS "explain|nope|${pack}" RC 2 STDERR "no rule 'nope'")
cli_case("test-rules" ARGS "test-rules|${pack}" RC 0 STDOUT "11 rules, 25 examples, 0 failures")
cli_case("test-rules default pack" ARGS "test-rules" RC 0 STDOUT " 0 failures\n$")

# Bad input: a clear message and exit code 2, never a crash or a silent pass.
cli_case("invalid UTF-8" ARGS "check|${pack}|data/drafts/invalid-utf8.txt" RC 2
         STDERR "data/drafts/invalid-utf8.txt: invalid UTF-8: byte 0xFF at offset 6")
cli_case("empty draft" ARGS "check|${pack}|data/drafts/empty.txt" RC 2 STDERR "empty.txt: the draft is empty")
cli_case("binary input" ARGS "check|${pack}|data/drafts/binary.bin" RC 2 STDERR "binary.bin: input looks binary: NUL byte at offset 4")
cli_case("missing file" ARGS "check|${pack}|data/drafts/nope.txt" RC 2 STDERR "nope.txt: No such file or directory")
cli_case("missing context" ARGS "check|${pack}|--context|nope.txt|data/drafts/plain.txt" RC 2 STDERR "nope.txt: No such file")
cli_case("directory as draft" ARGS "check|${pack}|data" RC 2 STDERR "data: is a directory")
cli_case("one bad draft among good ones" ARGS "check|${pack}|data/drafts/clean.txt|data/drafts/empty.txt" RC 2
         STDOUT "clean.txt: score" STDERR "empty.txt: the draft is empty")
cli_case("malformed YAML" ARGS "check|--rules|data/bad/syntax|data/drafts/plain.txt" RC 2 STDERR "bad/syntax/r.yaml:5:[0-9]+: invalid YAML")
cli_case("unknown kind" ARGS "rules|--rules|data/bad/kind" RC 2 STDERR "r.yaml:3:11: rule 'bad.kind': unknown rule kind 'sentiment'")
cli_case("unknown habit" ARGS "rules|--rules|data/bad/habit" RC 2 STDERR "rule 'bad.kind': unknown habit 'courtesy'")
cli_case("bad pattern" ARGS "rules|--rules|data/bad/regex" RC 2 STDERR "r.yaml:10:[0-9]+: rule 'bad.regex': bad pattern")
cli_case("duplicate id" ARGS "rules|--rules|data/bad/dup" RC 2 STDERR "b.yaml:2: rule 'dup.rule': duplicate rule id, first defined at .*a.yaml:2")
cli_case("missing rules dir" ARGS "rules|--rules|data/none" RC 2 STDERR "data/none: no such directory")
cli_case("unknown option" ARGS "check|--frobnicate|data/drafts/plain.txt" RC 2 STDERR "unrecognised option|unrecognized option")
cli_case("unknown format" ARGS "check|--format|xml|data/drafts/plain.txt" RC 2 STDERR "unknown --format 'xml'")
cli_case("unknown command" ARGS "lint" RC 2 STDERR "unknown command 'lint'")
cli_case("no command" ARGS "" RC 2 STDERR "usage: tactful")

# A 50 MB draft: refused quickly by default, checked in linear time when allowed.
set(large "${CMAKE_CURRENT_BINARY_DIR}/large-50mb.txt")
add_test(NAME "cli: make 50 MB draft" COMMAND ${CMAKE_COMMAND} -DOUTPUT=${large} -DSIZE_MB=50
         -P "${CMAKE_CURRENT_SOURCE_DIR}/cli/make_large.cmake")
set_tests_properties("cli: make 50 MB draft" PROPERTIES FIXTURES_SETUP large_draft)
cli_case("50 MB draft refused" ARGS "check|${pack}|${large}" RC 2 STDERR "larger than the limit of 10485760 bytes")
cli_case("50 MB draft allowed" ARGS "check|${pack}|--max-bytes|60000000|${large}" RC 0
         STDOUT "large-50mb.txt:[0-9]+:1: suggestion: Check in with the customer. \\[test.check-in\\]")
set_tests_properties("cli: 50 MB draft refused" "cli: 50 MB draft allowed" PROPERTIES FIXTURES_REQUIRED large_draft)

# audit: one output record per input record, errors included; the closing
# count on standard error; --fail-on-error.
cli_case("audit jsonl" ARGS "audit|${pack}|data/audit/mixed.jsonl" RC 0 GOLDEN audit-mixed.jsonl
         STDERR "tactful audit: 8 records in = 3 results \\+ 5 errors")
cli_case("audit fail-on-error" ARGS "audit|${pack}|--fail-on-error|data/audit/mixed.jsonl" RC 1
         STDOUT "\"error\":\"missing 'reply'\"" STDERR "8 records in")
cli_case("audit invalid UTF-8" ARGS "audit|${pack}|data/audit/bad-utf8.jsonl" RC 0
         STDOUT "\"record\":2,\"error\":\"invalid UTF-8\"" STDERR "2 records in = 1 results \\+ 1 errors")
cli_case("audit standard input" ARGS "audit|${pack}|-" STDIN data/audit/mixed.jsonl RC 0 STDOUT "\"input\":\"<stdin>\""
         STDERR "8 records in")
cli_case("audit missing input" ARGS "audit|${pack}|data/audit/nope.jsonl" RC 2 STDERR "nope.jsonl: No such file")

# Chat transcripts: a report per agent turn, positions in the transcript.
cli_case("transcript text" ARGS "check|${pack}|data/chat/chat.txt" RC 1 GOLDEN check-chat.txt)
cli_case("transcript json" ARGS "check|${pack}|--format|json|data/chat/turns.json" RC 1
         STDOUT "\"source\":\"data/chat/turns.json\",\"turn\":2,")
cli_case("transcript forced" ARGS "check|${pack}|--as|transcript|data/drafts/plain.txt" RC 2 STDERR "not a transcript")
cli_case("transcript json malformed: one error" ARGS "check|${pack}|--as|transcript|data/chat/truncated.json" RC 2
         STDERR "truncated.json:2:[0-9]+: not a JSON transcript: " STDERR_LINES 1)
cli_case("transcript with --context: a warning" ARGS "check|${pack}|--context|data/drafts/upset-customer.txt|data/chat/chat.txt"
         RC 1 STDERR "warning: data/chat/chat.txt: --context is not used for a transcript" STDERR_LINES 1)
cli_case("draft forced" ARGS "check|${pack}|--as|draft|data/chat/chat.txt" RC 1 STDOUT "chat.txt: score")

# Mail messages (.eml through GMime) and HTML drafts (through gumbo), with the
# default pack: positions must land on the agent's own words.
cli_case("email: plain part, findings at the file's lines" ARGS "check|--color|never|data/email/plain.eml" RC 1
         GOLDEN email-plain.txt)
cli_case("email: quoted-printable in windows-1252" ARGS "check|--color|never|data/email/quoted-printable.eml" RC 1
         STDOUT "quoted-printable.eml:3:113: warning: A personal guarantee")
cli_case("email: HTML-only body, quoted history as context" ARGS "check|--format|json|data/email/html-only.eml" RC 0
         GOLDEN email-html.json)
cli_case("email: text/plain preferred to text/html" ARGS "check|data/email/alternative.eml" RC 0 STDOUT "no findings")
cli_case("email: attachments are not the reply" ARGS "check|data/email/attachment.eml" RC 0 STDOUT "no findings")
cli_case("email: no text part" ARGS "check|data/email/no-text.eml" RC 2 STDERR "no-text.eml: the message has no text/plain or text/html part")
cli_case("email: --as email on plain text" ARGS "check|--as|email|data/drafts/blame.txt" RC 2 STDERR "not a mail message")
cli_case("html draft" ARGS "check|--color|never|data/drafts/reply.html" RC 1 GOLDEN check-html.txt)

# audit inputs: CSV with a column map, Zendesk and Freshdesk exports, gzip;
# summary and CSV outputs; two threads keep input order.
cli_case("audit csv" ARGS "audit|${pack}|--format|jsonl|--map|reply=body,agent=author_name,ticket=ticket_id,customer=customer_message,created_at=when|data/audit/replies.csv"
         RC 0 GOLDEN audit-csv.jsonl STDERR "5 records in = 4 results \\+ 1 errors")
cli_case("audit csv without a reply column" ARGS "audit|${pack}|--format|jsonl|data/audit/replies.csv" RC 0
         STDOUT "no column 'reply' for the reply" STDERR "5 records in = 0 results \\+ 5 errors")
cli_case("audit bad --map" ARGS "audit|--map|answer=body|data/audit/replies.csv" RC 2 STDERR "bad --map 'answer=body'")
cli_case("audit zendesk" ARGS "audit|${pack}|--format|jsonl|data/audit/zendesk.json" RC 0 GOLDEN audit-zendesk.jsonl
         STDERR "3 records in = 2 results \\+ 1 errors")
cli_case("audit freshdesk" ARGS "audit|${pack}|--format|jsonl|data/audit/freshdesk.json" RC 0 GOLDEN audit-freshdesk.jsonl
         STDERR "1 records in = 1 results \\+ 0 errors")
cli_case("audit gzip" ARGS "audit|${pack}|--format|jsonl|data/audit/mixed.jsonl.gz" RC 0 GOLDEN audit-mixed-gz.jsonl
         STDERR "8 records in = 3 results \\+ 5 errors")
cli_case("audit truncated gzip" ARGS "audit|${pack}|--format|jsonl|data/audit/truncated.jsonl.gz" RC 2
         STDERR "truncated.jsonl.gz: read error after record 0: truncated gzip data")
cli_case("audit two threads keep input order" ARGS "audit|${pack}|--jobs|2|--format|jsonl|data/audit/mixed.jsonl" RC 0
         GOLDEN audit-mixed.jsonl STDERR "8 records in")
cli_case("audit summary" ARGS "audit|--format|summary|data/audit/zendesk.json" RC 0 GOLDEN audit-summary.txt
         STDERR "3 records in")
cli_case("audit csv output" ARGS "audit|--format|jsonl|--csv|${CMAKE_CURRENT_BINARY_DIR}/audit-out.csv|data/audit/zendesk.json" RC 0
         STDERR "3 records in")
cli_case("audit csv with an unbalanced quote" ARGS "audit|${pack}|--format|jsonl|data/audit/bad-quote.csv" RC 0
         STDOUT "malformed CSV from row 3 on" STDERR "2 records in = 1 results \\+ 1 errors")
cli_case("audit tickets: a bad first line, a ticket without a reply" ARGS "audit|${pack}|--format|jsonl|--input-format|helpdesk|data/audit/tickets.jsonl"
         RC 0 STDOUT "line 1: malformed JSON.*\"8/1\".*the ticket has no public agent reply" STDERR "3 records in = 1 results \\+ 2 errors")
cli_case("audit thread checks: promises, repeats, response times" ARGS "audit|--format|summary|data/audit/threads.jsonl" RC 0
         GOLDEN audit-threads.txt STDERR "6 records in")
cli_case("audit: a pasted repeat gets a finding" ARGS "audit|--format|jsonl|data/audit/threads.jsonl" RC 0
         STDOUT "\"id\":\"t2-3\".*listen.thread.repeated-answer" STDERR "6 records in")
cli_case("audit mbox: agent replies, customer mail as context, threads" ARGS "audit|--format|jsonl|--agent-from|@shop.example.com|data/audit/support.mbox"
         RC 0 GOLDEN audit-mbox.jsonl STDERR "2 records in = 2 results \\+ 0 errors")
cli_case("audit mbox: not an mbox" ARGS "audit|--format|jsonl|--input-format|mbox|data/audit/replies.csv" RC 0
         STDOUT "not an mbox archive" STDERR "1 records in = 0 results \\+ 1 errors")

# A corrupted export: one output per input record and a truthful summary.
set(corrupt "${CMAKE_CURRENT_BINARY_DIR}/corrupt.jsonl")
add_test(NAME "cli: make corrupted export" COMMAND ${CMAKE_COMMAND} -DOUTPUT=${corrupt}
         -DDATA=${CMAKE_CURRENT_SOURCE_DIR}/data -P "${CMAKE_CURRENT_SOURCE_DIR}/cli/make_corrupt.cmake")
set_tests_properties("cli: make corrupted export" PROPERTIES FIXTURES_SETUP corrupt_export)
cli_case("audit corrupted export" ARGS "audit|--format|jsonl|${corrupt}" RC 0
         STDOUT "\"ok-1\".*\"record\":2,\"error\":\"malformed JSON.*\"u1\".*\"record\":4,\"error\":\"invalid UTF-8.*\"record\":5,\"error\":\"record of [0-9]+ bytes is over the limit.*\"no-reply\".*missing 'reply'.*\"ok-2\""
         STDERR "7 records in = 3 results \\+ 4 errors")
set_tests_properties("cli: audit corrupted export" PROPERTIES FIXTURES_REQUIRED corrupt_export)
