"""The engine: from documents to positioned, stamped findings."""
