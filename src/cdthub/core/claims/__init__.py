"""The claim checker's core: claims, readers and writers (JSON, CSV, X12 837D), rules, packs.

Pure Python, no Django. `model.py` holds the shared types (Claim, Line, HistoryItem, Finding).
"""
