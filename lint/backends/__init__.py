"""Grammar backends (LanguageTool, Harper) behind one small interface."""
