# T24 (2022): every product moves one hop in the suite order; nothing blocks or warns
.verdict == "ok"
[.findings[] | select(.severity != "info")] | length == 0
[.findings[] | select(.id | startswith("path.") or startswith("sequence."))] | length == 0
