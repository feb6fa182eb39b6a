# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""People: A person is a collection of faces, which can be favorited and named. A person can also be merged into another person. People are automatically created via the face recognition job."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        AssetFaceUpdateDto,
        BulkIdResponseDto,
        BulkIdsDto,
        MergePersonDto,
        PeopleResponseDto,
        PeopleUpdateDto,
        PersonCreateDto,
        PersonResponseDto,
        PersonStatisticsResponseDto,
        PersonUpdateDto,
    )

_create_person = Op('createPerson', 'POST', '/people', body=('person_create_dto', 'json'), returns='PersonResponseDto')
_delete_people = Op('deletePeople', 'DELETE', '/people', body=('bulk_ids_dto', 'json'))
_delete_person = Op('deletePerson', 'DELETE', '/people/{id}', path=('id',))
_get_all_people = Op('getAllPeople', 'GET', '/people', query=('closestAssetId', 'closestPersonId', 'page', 'size', 'withHidden'), returns='PeopleResponseDto')
_get_person = Op('getPerson', 'GET', '/people/{id}', path=('id',), returns='PersonResponseDto')
_get_person_statistics = Op('getPersonStatistics', 'GET', '/people/{id}/statistics', path=('id',), returns='PersonStatisticsResponseDto')
_get_person_thumbnail = Op('getPersonThumbnail', 'GET', '/people/{id}/thumbnail', path=('id',), returns='bytes')
_merge_person = Op('mergePerson', 'POST', '/people/{id}/merge', path=('id',), body=('merge_person_dto', 'json'), returns='[BulkIdResponseDto]')
_reassign_faces = Op('reassignFaces', 'PUT', '/people/{id}/reassign', path=('id',), body=('asset_face_update_dto', 'json'), returns='[PersonResponseDto]')
_update_people = Op('updatePeople', 'PUT', '/people', body=('people_update_dto', 'json'), returns='[BulkIdResponseDto]')
_update_person = Op('updatePerson', 'PUT', '/people/{id}', path=('id',), body=('person_update_dto', 'json'), returns='PersonResponseDto')


class PeopleApi(ApiGroup):
    """People: A person is a collection of faces, which can be favorited and named. A person
    can also be merged into another person. People are automatically created via the face
    recognition job.
    """

    async def create_person(self, person_create_dto: PersonCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> PersonResponseDto:
        """Create a person. Create a new person that can have multiple faces assigned to them. (``POST /people``, permission ``person.create``)"""
        return await self._parsed(_create_person, locals())
    async def create_person_with_http_info(self, person_create_dto: PersonCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[PersonResponseDto]:
        """``create_person``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_create_person, locals())
    def create_person_without_preload_content(self, person_create_dto: PersonCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``create_person``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_create_person, locals())

    async def delete_people(self, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete people. Bulk delete a list of people at once. (``DELETE /people``, permission ``person.delete``)"""
        return await self._parsed(_delete_people, locals())
    async def delete_people_with_http_info(self, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_people``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_people, locals())
    def delete_people_without_preload_content(self, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_people``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_people, locals())

    async def delete_person(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete person. Delete an individual person. (``DELETE /people/{id}``, permission ``person.delete``)"""
        return await self._parsed(_delete_person, locals())
    async def delete_person_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_person``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_person, locals())
    def delete_person_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_person``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_person, locals())

    async def get_all_people(self, *, closest_asset_id: str | Unset = UNSET, closest_person_id: str | Unset = UNSET, page: float | Unset = UNSET, size: float | Unset = UNSET, with_hidden: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> PeopleResponseDto:
        """Get all people. Retrieve a list of all people. (``GET /people``, permission ``person.read``)"""
        return await self._parsed(_get_all_people, locals())
    async def get_all_people_with_http_info(self, *, closest_asset_id: str | Unset = UNSET, closest_person_id: str | Unset = UNSET, page: float | Unset = UNSET, size: float | Unset = UNSET, with_hidden: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[PeopleResponseDto]:
        """``get_all_people``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_all_people, locals())
    def get_all_people_without_preload_content(self, *, closest_asset_id: str | Unset = UNSET, closest_person_id: str | Unset = UNSET, page: float | Unset = UNSET, size: float | Unset = UNSET, with_hidden: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_all_people``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_all_people, locals())

    async def get_person(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> PersonResponseDto:
        """Get a person. Retrieve a person by id. (``GET /people/{id}``, permission ``person.read``)"""
        return await self._parsed(_get_person, locals())
    async def get_person_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[PersonResponseDto]:
        """``get_person``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_person, locals())
    def get_person_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_person``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_person, locals())

    async def get_person_statistics(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> PersonStatisticsResponseDto:
        """Get person statistics. Retrieve statistics about a specific person. (``GET /people/{id}/statistics``, permission ``person.statistics``)"""
        return await self._parsed(_get_person_statistics, locals())
    async def get_person_statistics_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[PersonStatisticsResponseDto]:
        """``get_person_statistics``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_person_statistics, locals())
    def get_person_statistics_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_person_statistics``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_person_statistics, locals())

    async def get_person_thumbnail(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> bytes:
        """Get person thumbnail. Retrieve the thumbnail file for a person. (``GET /people/{id}/thumbnail``, permission ``person.read``)"""
        return await self._parsed(_get_person_thumbnail, locals())
    async def get_person_thumbnail_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[bytes]:
        """``get_person_thumbnail``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_person_thumbnail, locals())
    def get_person_thumbnail_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_person_thumbnail``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_person_thumbnail, locals())

    async def merge_person(self, id: str, merge_person_dto: MergePersonDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[BulkIdResponseDto]:
        """Merge people. Merge a list of people into the person specified in the path parameter. (``POST /people/{id}/merge``, permission ``person.merge``)"""
        return await self._parsed(_merge_person, locals())
    async def merge_person_with_http_info(self, id: str, merge_person_dto: MergePersonDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[BulkIdResponseDto]]:
        """``merge_person``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_merge_person, locals())
    def merge_person_without_preload_content(self, id: str, merge_person_dto: MergePersonDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``merge_person``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_merge_person, locals())

    async def reassign_faces(self, id: str, asset_face_update_dto: AssetFaceUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[PersonResponseDto]:
        """Reassign faces. Bulk reassign a list of faces to a different person. (``PUT /people/{id}/reassign``, permission ``person.reassign``)"""
        return await self._parsed(_reassign_faces, locals())
    async def reassign_faces_with_http_info(self, id: str, asset_face_update_dto: AssetFaceUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[PersonResponseDto]]:
        """``reassign_faces``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_reassign_faces, locals())
    def reassign_faces_without_preload_content(self, id: str, asset_face_update_dto: AssetFaceUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``reassign_faces``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_reassign_faces, locals())

    async def update_people(self, people_update_dto: PeopleUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[BulkIdResponseDto]:
        """Update people. Bulk update multiple people at once. (``PUT /people``, permission ``person.update``)"""
        return await self._parsed(_update_people, locals())
    async def update_people_with_http_info(self, people_update_dto: PeopleUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[BulkIdResponseDto]]:
        """``update_people``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_people, locals())
    def update_people_without_preload_content(self, people_update_dto: PeopleUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_people``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_people, locals())

    async def update_person(self, id: str, person_update_dto: PersonUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> PersonResponseDto:
        """Update person. Update an individual person. (``PUT /people/{id}``, permission ``person.update``)"""
        return await self._parsed(_update_person, locals())
    async def update_person_with_http_info(self, id: str, person_update_dto: PersonUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[PersonResponseDto]:
        """``update_person``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_person, locals())
    def update_person_without_preload_content(self, id: str, person_update_dto: PersonUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_person``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_person, locals())
