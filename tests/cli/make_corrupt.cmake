# Writes a corrupted export to OUTPUT: a good record, a truncated line, a
# record with invalid UTF-8 (from data/audit/bad-utf8.jsonl), a record with
# an 11 MB reply (over the default 10 MiB limit), a record without a reply,
# and a good record with no newline at the end.
file(READ "${DATA}/audit/bad-utf8.jsonl" bad_utf8)
string(REPEAT "All sorted on our side, thanks for waiting. " 64 line)
string(REPEAT "${line}" 4096 mb)  # about 11 MB
file(WRITE "${OUTPUT}" "{\"id\": \"ok-1\", \"reply\": \"Hi Dana, your refund went out today.\"}\n")
file(APPEND "${OUTPUT}" "{\"id\": \"cut\", \"reply\": \"Your parcel sh\n")
file(APPEND "${OUTPUT}" "${bad_utf8}")
file(APPEND "${OUTPUT}" "{\"id\": \"huge\", \"reply\": \"${mb}\"}\n")
file(APPEND "${OUTPUT}" "{\"id\": \"no-reply\", \"agent\": \"sam\"}\n")
file(APPEND "${OUTPUT}" "{\"id\": \"ok-2\", \"reply\": \"Thanks, Lee. Happy to help.\"}")
