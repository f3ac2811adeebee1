"""LinkedIn organisation page (Community Management API, versioned REST with the
`LinkedIn-Version` header): comments on the page's posts, replies as the organisation, deleting
comments, publishing, follower and share statistics, and the X-LI-Signature webhook."""
