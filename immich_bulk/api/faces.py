# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Faces: A face is a detected human face within an asset, which can be associated with a person. Faces are normally detected via machine learning, but can also be created via manually."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        AssetFaceCreateDto,
        AssetFaceDeleteDto,
        AssetFaceResponseDto,
        FaceDto,
        PersonResponseDto,
    )

_create_face = Op('createFace', 'POST', '/faces', body=('asset_face_create_dto', 'json'))
_delete_face = Op('deleteFace', 'DELETE', '/faces/{id}', path=('id',), body=('asset_face_delete_dto', 'json'))
_get_faces = Op('getFaces', 'GET', '/faces', query=('id',), returns='[AssetFaceResponseDto]')
_reassign_faces_by_id = Op('reassignFacesById', 'PUT', '/faces/{id}', path=('id',), body=('face_dto', 'json'), returns='PersonResponseDto')


class FacesApi(ApiGroup):
    """Faces: A face is a detected human face within an asset, which can be associated with a
    person. Faces are normally detected via machine learning, but can also be created via
    manually.
    """

    async def create_face(self, asset_face_create_dto: AssetFaceCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Create a face. Create a new face that has not been discovered by facial recognition. The content of the bounding box is considered a face. (``POST /faces``, permission ``face.create``)"""
        return await self._parsed(_create_face, locals())
    async def create_face_with_http_info(self, asset_face_create_dto: AssetFaceCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``create_face``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_create_face, locals())
    def create_face_without_preload_content(self, asset_face_create_dto: AssetFaceCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``create_face``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_create_face, locals())

    async def delete_face(self, id: str, asset_face_delete_dto: AssetFaceDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete a face. Delete a face identified by the id. Optionally can be force deleted. (``DELETE /faces/{id}``, permission ``face.delete``)"""
        return await self._parsed(_delete_face, locals())
    async def delete_face_with_http_info(self, id: str, asset_face_delete_dto: AssetFaceDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_face``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_face, locals())
    def delete_face_without_preload_content(self, id: str, asset_face_delete_dto: AssetFaceDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_face``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_face, locals())

    async def get_faces(self, *, id: str, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[AssetFaceResponseDto]:
        """Retrieve faces for asset. Retrieve all faces belonging to an asset. (``GET /faces``, permission ``face.read``)"""
        return await self._parsed(_get_faces, locals())
    async def get_faces_with_http_info(self, *, id: str, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[AssetFaceResponseDto]]:
        """``get_faces``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_faces, locals())
    def get_faces_without_preload_content(self, *, id: str, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_faces``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_faces, locals())

    async def reassign_faces_by_id(self, id: str, face_dto: FaceDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> PersonResponseDto:
        """Re-assign a face to another person. Re-assign the face provided in the body to the person identified by the id in the path parameter. (``PUT /faces/{id}``, permission ``face.update``)"""
        return await self._parsed(_reassign_faces_by_id, locals())
    async def reassign_faces_by_id_with_http_info(self, id: str, face_dto: FaceDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[PersonResponseDto]:
        """``reassign_faces_by_id``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_reassign_faces_by_id, locals())
    def reassign_faces_by_id_without_preload_content(self, id: str, face_dto: FaceDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``reassign_faces_by_id``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_reassign_faces_by_id, locals())
