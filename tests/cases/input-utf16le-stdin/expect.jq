.estate == "lab-warnings"
.verdict == "warnings"
