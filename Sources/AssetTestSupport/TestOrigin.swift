// Test origin arrives with the fetch issue (#3).
