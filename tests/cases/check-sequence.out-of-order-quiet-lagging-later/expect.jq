.verdict == "ok"
[.findings[] | select(.id == "sequence.out-of-order")] | length == 0
