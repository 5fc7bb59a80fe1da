// Request/response types shared by daemon and CLI.
