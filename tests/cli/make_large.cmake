# Writes a draft of SIZE_MB megabytes of ordinary sentences to OUTPUT.
string(REPEAT "Thanks for waiting, your parcel ships Monday. " 22 line)
string(REPEAT "${line}\n" 1024 block)  # about 1 MB
file(WRITE "${OUTPUT}" "")
foreach(i RANGE 1 ${SIZE_MB})
  file(APPEND "${OUTPUT}" "${block}")
endforeach()
