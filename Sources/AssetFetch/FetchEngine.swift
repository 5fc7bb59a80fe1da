// The fetch engine arrives with its issue (#3).
