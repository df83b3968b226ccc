"""The pipeline: find a workbook's files, load them, run the checks, keep what unchanged
files gave in the cache.
"""
