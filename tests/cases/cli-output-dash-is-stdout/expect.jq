.estate == "lab-output" and .verdict == "warnings"
