"""Multi-turn conversations built with the SDK's dialogs (one per file, a diagram beside each)."""
