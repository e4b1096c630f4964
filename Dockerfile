# Builds the site and serves it with nginx (deploy/nginx.conf), on port 8080:
#   docker build --build-arg SITE_URL=https://notes.example.org -t ml-notes .
#   docker run --rm -p 8080:8080 ml-notes
# The image serves the site at the root of its host (BASE_PATH=/); see README.md, "Deploying".

# Any Node with npm will do: `npm ci` installs the Node the build runs on (package.json's `node`
# devDependency). The full image has git, which dates each article by its last commit.
FROM node:22-bookworm AS build
WORKDIR /site
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ARG SITE_URL=http://localhost:8080
ARG REPO_URL=
ENV SITE_URL=$SITE_URL REPO_URL=$REPO_URL
RUN npm run build

FROM nginx:1.27-alpine
COPY deploy/nginx.conf /etc/nginx/ml-notes.conf
COPY deploy/nginx-server.conf /etc/nginx/conf.d/default.conf
COPY --from=build /site/dist /usr/share/nginx/html
EXPOSE 8080
