"""Prefect 3 flows: thin orchestration over the library functions of ocr/, geo/ and qa/."""
