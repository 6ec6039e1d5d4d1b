"""Helpers of tests/test_docs.py: collect the code blocks of README.md and docs/, run or check them.

The conventions a block is held to are in tests/test_docs.py's docstring.
"""
