# facts: BLOCK (2022 only from 2019); ordo plans 2016 -> 2019 -> 2022 and reports path.intermediate instead
[.findings[] | select(.id == "path.none")] | length == 0
.findings[] | select(.id == "path.intermediate") | (.detail | contains("2016 -> 2019 -> 2022"))
