import { ProjectsScreen } from "../../../screens/projects";

export default ProjectsScreen;
