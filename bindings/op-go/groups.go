package opkit

import "context"

// GroupsAPI reads groups.
type GroupsAPI interface {
	// Get describes a group, with its vault permissions if asked for.
	Get(ctx context.Context, groupID string, groupParams GroupGetParams) (Group, error)
}

// GroupsSource implements GroupsAPI for a Client.
type GroupsSource struct{ *innerClient }

// Get describes a group, with its vault permissions if asked for.
func (g GroupsSource) Get(ctx context.Context, groupID string, groupParams GroupGetParams) (Group, error) {
	return decode[Group](g.invoke(ctx, groupsGetParameters{GroupID: groupID, GroupParams: groupParams}))
}
