"""A stand-in for the part of FastAPI that model code raises, put on the worker's path only when
fastapi is absent: HTTPException (answered with its status, headers and {"detail": ...}, as FastAPI
answers it) and the status constants."""
from . import status
from .exceptions import HTTPException

__all__ = ["HTTPException", "status"]
