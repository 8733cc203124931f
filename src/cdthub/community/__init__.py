"""The community around the code pages: comments, suggested updates with editorial review,
revision history, contact messages, editor/staff accounts and the guards of the public forms."""
