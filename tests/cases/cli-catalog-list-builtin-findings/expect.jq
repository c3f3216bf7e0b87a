# the findings the engine raises are listed with the severity they are raised with (as 'ordo explain' shows)
.checks[] | select(.id == "path.none") | .severity == "blocker"
.checks[] | select(.id == "path.update-rollup") | .severity == "blocker"
.checks[] | select(.id == "path.intermediate") | .severity == "info"
.checks[] | select(.id == "sequence.out-of-order") | .severity == "blocker"
.checks[] | select(.id == "estate.unknown-fact") | .severity == "info"
.checks[] | select(.id == "estate.waiver-expired") | .severity == "warning"
.checks[] | select(.id == "path.update-rollup-recommended") | .severity == "warning"
[.checks[] | select(.id == "estate.waiver-unused")] | length == 1
